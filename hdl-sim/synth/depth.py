#!/usr/bin/env python3
"""Logic depth of a Yosys synth_xilinx netlist (write_json), register to register.

Yosys has no timing model for Xilinx parts and `ltp -noff` does not know the Xilinx flip-flop
primitives (FDRE, ...), so it walks through them and reports loops. This walks the mapped netlist
itself: paths start at flip-flop / block-RAM / SRL outputs (or module inputs) and end at their
inputs (or module outputs), and each path is scored by LUT levels, CARRY4 cells in series, wide
muxes (MUXF7/8/9) and DSP slices, plus an estimate in ns from the per-element figures below.

The estimate is a budget tool, not a timing sign-off: no placement, no routing, no fan-out. The
per-element figures are round numbers for an UltraScale+ -2 part with typical local routing:
a LUT level with its net 0.45 ns, a wide mux 0.10 ns, entering a carry chain 0.15 ns and each
further CARRY4 0.05 ns, a combinational DSP48 multiply 2.0 ns (0.8 ns from its M register),
a block-RAM read without output register 0.9 ns, clock-to-out and setup included in the budget.

Usage: depth.py NETLIST.json TOP [--period NS] [--paths N]
Prints a summary line per category and the worst paths with the source lines they cross.
"""
import argparse
import json
import sys
from collections import defaultdict, deque

LUT_NS = 0.45
MUXF_NS = 0.10
CARRY_ENTER_NS = 0.15
CARRY_NEXT_NS = 0.05
DSP_COMB_NS = 2.0
DSP_MREG_NS = 0.8
BRAM_CLK_NS = 0.9
CLK_OUT_NS = 0.10  # FF clock-to-out
SETUP_NS = 0.05
UNCERTAINTY_NS = 0.10

LUTRAM_PREFIXES = ("RAM16", "RAM32", "RAM64", "RAM128", "RAM256", "RAM512")


def param_int(cell, name):
    value = cell.get("parameters", {}).get(name, "0")
    try:
        return int(value, 2) if set(str(value)) <= {"0", "1"} else int(value)
    except ValueError:
        return 0


def classify(cell):
    t = cell["type"]
    if t.startswith("LUT"):
        return "lut"
    if t.startswith("MUXF"):
        return "muxf"
    if t == "CARRY4" or t == "CARRY8":
        return "carry"
    if t == "INV":
        return "inv"
    if t.startswith("DSP48"):
        return "dsp"
    if t.startswith(LUTRAM_PREFIXES):
        return "lutram"
    if t.startswith(("FD", "RAMB", "SRL", "FIFO")):
        return "seq"
    if t in ("BUFG", "BUFGCE", "IBUF", "OBUF", "IOBUF", "OBUFT"):
        return "buf"
    return "other"


class Arrival:
    __slots__ = ("ns", "levels", "carry", "run", "muxf", "dsp", "pred", "start")

    def __init__(self, ns, levels=0, carry=0, run=0, muxf=0, dsp=0, pred=None, start=None):
        self.ns = ns
        self.levels = levels
        self.carry = carry   # CARRY4 cells on the path
        self.run = run       # CARRY4 cells in the current unbroken chain
        self.muxf = muxf
        self.dsp = dsp
        self.pred = pred     # (cell name, input bit) this arrival came through
        self.start = start   # start point description


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("netlist")
    ap.add_argument("top")
    ap.add_argument("--period", type=float, default=1000.0 / 322.266)
    ap.add_argument("--paths", type=int, default=3)
    ap.add_argument("--key", choices=("ns", "levels"), default="levels")
    ap.add_argument("--by-file", action="store_true",
                    help="also the worst reg->reg path ending in each RTL file (the endpoint's source)")
    ap.add_argument("--over", action="store_true",
                    help="also every endpoint over the budget, grouped by instance and start point")
    args = ap.parse_args()

    module = json.load(open(args.netlist))["modules"][args.top]
    cells = module["cells"]

    names = {}
    for name, net in module["netnames"].items():
        for i, bit in enumerate(net["bits"]):
            if isinstance(bit, int):
                label = name if len(net["bits"]) == 1 else "%s[%d]" % (name, i)
                if bit not in names or (names[bit].startswith("$") and not name.startswith("$")):
                    names[bit] = label

    drivers = {}             # bit -> (cell, port)
    sinks = defaultdict(list)
    for cname, cell in cells.items():
        for port, bits in cell["connections"].items():
            direction = cell.get("port_directions", {}).get(port, "input")
            for bit in bits:
                if not isinstance(bit, int):
                    continue
                if direction == "output":
                    drivers[bit] = (cname, port)
                else:
                    sinks[bit].append((cname, port))

    # Per cell: which inputs are combinational to its outputs, which are path ends, and what
    # its outputs start with when they are path starts.
    comb_in = {}      # cell -> list of input bits that propagate to its outputs
    out_deps = {}     # LUT RAM cell -> {output port: the input bits it reads through}
    start_ns = {}     # cell -> arrival at its outputs when they start a path (seq-like)
    end_ports = {}    # cell -> set of ports that end paths
    for cname, cell in cells.items():
        kind = classify(cell)
        conns = cell["connections"]
        dirs = cell.get("port_directions", {})
        inputs = [p for p in conns if dirs.get(p, "input") != "output"]
        if kind in ("lut", "muxf", "carry", "inv"):
            comb_in[cname] = [b for p in inputs for b in conns[p] if isinstance(b, int)]
        elif kind == "lutram":
            # read address -> data is combinational; data, write enable and address end paths.
            # Each read output follows its own address only (DOx <- ADDRx, SPO/O <- A, DPO <- DPRA):
            # the write port's address (ADDRH of RAM64M8, ADDRD of RAM64M) is the write side.
            comb_in[cname] = [b for p in inputs if p.startswith(("A", "DPRA")) for b in conns[p] if isinstance(b, int)]
            out_deps[cname] = lutram_read_deps(conns, dirs)
            end_ports[cname] = set(inputs)
        elif kind == "dsp":
            in_reg = any(param_int(cell, r) for r in ("AREG", "BREG", "ADREG", "DREG", "INMODEREG"))
            if param_int(cell, "PREG"):
                start_ns[cname] = CLK_OUT_NS + 0.3
                end_ports[cname] = set(inputs)
            elif param_int(cell, "MREG"):
                start_ns[cname] = DSP_MREG_NS
                end_ports[cname] = set(inputs)
            elif in_reg:
                start_ns[cname] = DSP_COMB_NS
                end_ports[cname] = set(inputs)
            else:
                comb_in[cname] = [b for p in inputs for b in conns[p] if isinstance(b, int)]
        elif kind == "seq":
            start_ns[cname] = BRAM_CLK_NS if cell["type"].startswith(("RAMB", "FIFO")) else CLK_OUT_NS
            end_ports[cname] = set(p for p in inputs if p not in ("C", "CLK", "CLKARDCLK", "CLKBWRCLK", "WCLK"))
        else:
            end_ports[cname] = set(inputs)

    # Kahn order over combinational cells.
    indeg = {}
    users = defaultdict(set)
    for cname, bits in comb_in.items():
        preds = set()
        for bit in bits:
            d = drivers.get(bit)
            if d and d[0] in comb_in:
                preds.add(d[0])
        indeg[cname] = len(preds)
        for p in preds:
            users[p].add(cname)
    order = []
    queue = deque(c for c, n in indeg.items() if n == 0)
    while queue:
        c = queue.popleft()
        order.append(c)
        for u in users[c]:
            indeg[u] -= 1
            if indeg[u] == 0:
                queue.append(u)
    looped = [c for c, n in indeg.items() if n > 0]

    input_ports = set()
    for pname, port in module["ports"].items():
        if port["direction"] == "input":
            for bit in port["bits"]:
                if isinstance(bit, int):
                    input_ports.add(bit)

    def better(a, b):
        if b is None:
            return True
        if args.key == "levels":
            return (a.levels, a.ns) > (b.levels, b.ns)
        return (a.ns, a.levels) > (b.ns, b.levels)

    arrival = ARR

    def source_arrival(bit):
        if bit in arrival:
            return arrival[bit]
        d = drivers.get(bit)
        if d is None:
            if bit in input_ports:
                a = Arrival(0.0, start=("in", names.get(bit, str(bit))))
            else:
                a = None  # constant or undriven
        else:
            cname = d[0]
            if cname in start_ns:
                a = Arrival(start_ns[cname], dsp=1 if classify(cells[cname]) == "dsp" else 0,
                            start=("reg", names.get(bit, cname), cells[cname]["type"]))
            else:
                a = None  # a looped combinational cell, or not yet computed
        arrival[bit] = a
        return a

    for cname in order:
        cell = cells[cname]
        kind = classify(cell)
        if cname in out_deps:
            for port, bits in out_deps[cname].items():
                best, best_bit = None, None
                for bit in bits:
                    a = source_arrival(bit)
                    if a is not None and better(a, best):
                        best, best_bit = a, bit
                if best is None:
                    continue
                out = Arrival(best.ns + LUT_NS, best.levels + 1, best.carry, 0, best.muxf, best.dsp)
                out.pred = (cname, best_bit)
                out.start = best.start
                for bit in cell["connections"][port]:
                    if isinstance(bit, int):
                        arrival[bit] = out
            continue
        best = None
        best_bit = None
        carry_in = None
        for bit in comb_in[cname]:
            a = source_arrival(bit)
            if a is not None and better(a, best):
                best, best_bit = a, bit
        if best is None:
            continue
        if kind == "carry":
            ci = [b for b in cell["connections"].get("CI", []) if isinstance(b, int)]
            chained = False
            if ci:
                a_ci = source_arrival(ci[0])
                d = drivers.get(ci[0])
                chained = a_ci is not None and d is not None and classify(cells[d[0]]) == "carry" and a_ci is best
            if chained:
                out = Arrival(best.ns + CARRY_NEXT_NS, best.levels, best.carry + 1, best.run + 1, best.muxf, best.dsp)
            else:
                out = Arrival(best.ns + CARRY_ENTER_NS, best.levels, best.carry + 1, 1, best.muxf, best.dsp)
        elif kind == "lut" or kind == "lutram":
            out = Arrival(best.ns + LUT_NS, best.levels + 1, best.carry, 0, best.muxf, best.dsp)
        elif kind == "muxf":
            out = Arrival(best.ns + MUXF_NS, best.levels, best.carry, 0, best.muxf + 1, best.dsp)
        elif kind == "dsp":
            out = Arrival(best.ns + DSP_COMB_NS, best.levels, best.carry, 0, best.muxf, best.dsp + 1)
        else:  # inv: folded into the next LUT by the real tools
            out = Arrival(best.ns, best.levels, best.carry, best.run, best.muxf, best.dsp)
        out.pred = (cname, best_bit)
        out.start = best.start
        for port, bits in cell["connections"].items():
            if cell.get("port_directions", {}).get(port) == "output":
                for bit in bits:
                    if isinstance(bit, int):
                        arrival[bit] = out

    ends = []
    file_of_end = {}
    for cname, ports in end_ports.items():
        cell = cells[cname]
        for port in ports:
            for bit in cell["connections"].get(port, []):
                if isinstance(bit, int):
                    a = source_arrival(bit)
                    if a is not None and a.start is not None:
                        file_of_end["%s.%s (%s)" % (names.get(cell["connections"].get("Q", [None])[0], cname)
                                                   if "Q" in cell["connections"] else cname, port, cell["type"])] = endpoint_file(cell)
                        ends.append((a, "reg", "%s.%s (%s)" % (names.get(cell["connections"].get("Q", [None])[0], cname)
                                                             if "Q" in cell["connections"] else cname, port, cell["type"]), bit))
    for pname, port in module["ports"].items():
        if port["direction"] == "output":
            for i, bit in enumerate(port["bits"]):
                if isinstance(bit, int):
                    a = source_arrival(bit)
                    if a is not None and a.start is not None:
                        ends.append((a, "out", "%s[%d]" % (pname, i), bit))

    def category(entry):
        a, end_kind = entry[0], entry[1]
        return ("reg" if a.start[0] == "reg" else "in") + "->" + end_kind

    budget = args.period - CLK_OUT_NS * 0 - SETUP_NS - UNCERTAINTY_NS
    print("design %s: %d cells, %d combinational, %d in loops (ignored)" % (args.top, len(cells), len(comb_in), len(looped)))
    print("period %.3f ns; budget for logic and routing after setup and uncertainty %.2f ns (%.2f + %.2f)" %
          (args.period, budget, SETUP_NS, UNCERTAINTY_NS))
    for cat in ("reg->reg", "in->reg", "reg->out", "in->out"):
        entries = [e for e in ends if category(e) == cat]
        if not entries:
            print("%-8s none" % cat)
            continue
        key = (lambda e: (e[0].levels, e[0].ns)) if args.key == "levels" else (lambda e: (e[0].ns, e[0].levels))
        entries.sort(key=key, reverse=True)
        worst = entries[0][0]
        over = sum(1 for e in entries if e[0].ns > budget)
        print("%-8s worst: %d LUT levels, %d CARRY4 (longest chain %d), %d MUXF, %d DSP, est. %.2f ns; endpoints over budget: %d of %d" %
              (cat, worst.levels, worst.carry, chain_of(worst), worst.muxf, worst.dsp, worst.ns, over, len(entries)))
        if cat == "reg->reg":
            seen = set()
            shown = 0
            for a, _, end, bit in entries:
                if end in seen:
                    continue
                seen.add(end)
                print_path(a, end, cells, names)
                shown += 1
                if shown >= args.paths:
                    break
    if args.by_file:
        worst = {}
        for a, kind, end, bit in ends:
            if kind != "reg" or a.start[0] != "reg":
                continue
            # in a flattened card the instance name says the module better than the source attribute
            f = end.split(".")[0] if "_inst." in end else file_of_end.get(end, "?")
            if f not in worst or (a.levels, a.ns) > (worst[f][0].levels, worst[f][0].ns):
                worst[f] = (a, end)
        print("worst reg->reg path by the instance (flattened card) or RTL file of its endpoint:")
        for f, (a, end) in sorted(worst.items(), key=lambda kv: (-kv[1][0].levels, -kv[1][0].ns)):
            print("  %-26s %2d LUT levels, %2d CARRY4 (chain %d), %d MUXF, %d DSP, est. %.2f ns  -> %s" %
                  (f, a.levels, a.carry, chain_of(a), a.muxf, a.dsp, a.ns, end))
    if args.over:
        # Endpoints of one bus (name[i]) from one start bus are counted as one row, so a list of a
        # few hundred endpoints reads as the handful of paths it is.
        groups = {}
        for a, kind, end, bit in ends:
            if a.ns <= budget:
                continue
            start = a.start[1] if a.start[0] == "reg" else "port " + a.start[1]
            key = (category((a, kind)), bus_of(start), bus_of(end))
            g = groups.setdefault(key, [0, a])
            g[0] += 1
            if (a.ns, a.levels) > (g[1].ns, g[1].levels):
                g[1] = a
        print("endpoints over budget, by start and end bus (%d groups):" % len(groups))
        for (cat, start, end), (count, a) in sorted(groups.items(), key=lambda kv: (kv[0][0], -kv[1][1].ns, kv[0][2])):
            print("  %-8s %4d  %d levels, %d CARRY4, %d MUXF, est. %.2f ns  %s -> %s" %
                  (cat, count, a.levels, a.carry, a.muxf, a.ns, start, end))
    return 0


def lutram_read_deps(conns, dirs):
    """Per read output of a Xilinx LUT RAM primitive, the address bits it reads through."""
    inputs = [p for p in conns if dirs.get(p, "input") != "output"]
    addr_a = [p for p in inputs if p == "A" or (p.startswith("A") and p[1:].isdigit())]
    addr_dp = [p for p in inputs if p.startswith("DPRA")]
    deps = {}
    for port in conns:
        if dirs.get(port) != "output":
            continue
        if port.startswith("DO") and "ADDR" + port[2:] in conns:
            ports = ["ADDR" + port[2:]]
        elif port in ("SPO", "O") and addr_a:
            ports = addr_a
        elif port == "DPO" and addr_dp:
            ports = addr_dp
        else:  # unknown shape: every address input, as before
            ports = [p for p in inputs if p.startswith(("A", "DPRA"))]
        deps[port] = [b for p in ports for b in conns[p] if isinstance(b, int)]
    return deps


def bus_of(name):
    """A bit's name without its index: "x_inst.sum[12]" -> "x_inst.sum", "q[3].D (FDRE)" -> "q.D (FDRE)"."""
    out = []
    depth = 0
    for ch in name:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


ARR = {}  # bit -> Arrival


def endpoint_file(cell):
    """The RTL file an endpoint cell came from (its first slipway_*.v source), or '?'."""
    for part in cell.get("attributes", {}).get("src", "").split("|"):
        name = part.rsplit("/", 1)[-1].split(":")[0]
        if name.startswith("slipway"):
            return name
    return "?"


def chain_of(a):
    longest = 0
    node = a
    while node is not None:
        longest = max(longest, node.run)
        node = ARR.get(node.pred[1]) if node.pred is not None else None
    return longest


def print_path(a, end, cells, names):
    steps = []
    node = a
    srcs = []
    while node is not None and node.pred is not None:
        cname, bit = node.pred
        cell = cells[cname]
        steps.append(cell["type"])
        src = cell.get("attributes", {}).get("src", "")
        for part in src.split("|"):
            # "rtl/slipway_x.v:108.17-108.35" -> "slipway_x.v:108"
            short = part.rsplit("/", 1)[-1].split(".")[0:2]
            short = ".".join(short) if len(short) == 2 else short[0]
            if short.startswith("slipway") and ":" in short and short not in srcs:
                srcs.append(short)
        node = ARR.get(bit)
    steps.reverse()
    start = a.start
    print("  %2d levels %.2f ns  %s (%s) -> %s" % (a.levels, a.ns, start[1], start[2] if len(start) > 2 else "port", end))
    print("     cells: %s" % " ".join(steps))
    print("     source: %s" % ", ".join(reversed(srcs[:12])))


if __name__ == "__main__":
    sys.exit(main())
