package io.slipway.fix;

import io.slipway.core.Strategy;
import io.slipway.core.StrategyParameters;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FIXatdl document says what the core does: every strategy it knows, every parameter it takes. */
class FixAtdlDocumentTest
{
    private static final String CORE = "http://www.fixprotocol.org/FIXatdl-1-1/Core";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private static Document parse() throws Exception
    {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = FixAtdlDocumentTest.class.getResourceAsStream("/fix/slipway-fixatdl.xml"))
        {
            assertNotNull(in, "fix/slipway-fixatdl.xml is on the classpath");
            return factory.newDocumentBuilder().parse(in);
        }
    }

    @Test
    void wellFormedFixAtdlWithStrategiesInTargetStrategyAndParametersInTheGroup() throws Exception
    {
        final Element root = parse().getDocumentElement();
        assertEquals("Strategies", root.getLocalName());
        assertEquals(CORE, root.getNamespaceURI());
        assertEquals("847", root.getAttribute("strategyIdentifierTag"));
        assertEquals("true", root.getAttribute("tag957Support"));
    }

    @Test
    void everyStrategyTheCoreKnowsIsDescribedAndNothingElse() throws Exception
    {
        final NodeList strategies = parse().getElementsByTagNameNS(CORE, "Strategy");
        final Map<Integer, String> described = new HashMap<>();
        for (int i = 0; i < strategies.getLength(); i++)
        {
            final Element strategy = (Element)strategies.item(i);
            final int code = Integer.parseInt(strategy.getAttribute("wireValue"));
            assertEquals("D", strategy.getAttribute("fixMsgType"));
            assertEquals(null, described.put(code, strategy.getAttribute("name")), "wireValue " + code + " twice");
        }
        for (final Strategy strategy : Strategy.values())
        {
            assertEquals(strategy.name(), described.get(strategy.fixCode()),
                "TargetStrategy " + strategy.fixCode() + " described as " + strategy.name());
        }
        assertEquals(Strategy.values().length, described.size(), "no strategy the core would refuse");
    }

    @Test
    void everyParameterTheCoreAcceptsIsDescribedAndNothingElse() throws Exception
    {
        final NodeList parameters = parse().getElementsByTagNameNS(CORE, "Parameter");
        final Set<String> groupParameters = new HashSet<>();
        for (int i = 0; i < parameters.getLength(); i++)
        {
            final Element parameter = (Element)parameters.item(i);
            final String name = parameter.getAttribute("name");
            assertTrue(parameter.getAttributeNS(XSI, "type").endsWith("_t"), name + " has a FIXatdl type");
            if (parameter.hasAttribute("fixTag"))
            {
                // the order's own fields: EffectiveTime (168) and ExpireTime (126)
                assertTrue(Set.of("168", "126").contains(parameter.getAttribute("fixTag")), name);
            }
            else
            {
                groupParameters.add(name);
            }
        }
        assertEquals(Set.copyOf(StrategyParameters.NAMES), groupParameters);
    }
}
