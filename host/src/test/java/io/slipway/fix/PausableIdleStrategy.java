package io.slipway.fix;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * An idle strategy a test can stop its thread in, between two duty cycles: {@link Group#pause()}
 * returns once every thread of the group is parked, so whatever those threads had not done by then
 * (an archive recording a message, a framer writing it to the socket) stays undone until
 * {@link Group#resume()}. How a test holds a FIX stack in the state a kill -9 would find it in.
 */
final class PausableIdleStrategy implements IdleStrategy
{
    private final Group group;
    private final IdleStrategy delegate = new SleepingMillisIdleStrategy(1);
    private volatile boolean parked;

    private PausableIdleStrategy(final Group group)
    {
        this.group = group;
    }

    @Override
    public void idle(final int workCount)
    {
        if (group.paused)
        {
            parked = true;
            while (group.paused)
            {
                LockSupport.parkNanos(100_000);
            }
            parked = false;
        }
        delegate.idle(workCount);
    }

    @Override
    public void idle()
    {
        idle(0);
    }

    @Override
    public void reset()
    {
        delegate.reset();
    }

    /** The threads of one FIX stack. */
    static final class Group
    {
        private final List<PausableIdleStrategy> members = new CopyOnWriteArrayList<>();
        private volatile boolean paused;

        /** A new member, for the stack's idle strategy supplier. */
        IdleStrategy newMember()
        {
            final PausableIdleStrategy member = new PausableIdleStrategy(this);
            members.add(member);
            return member;
        }

        void pause()
        {
            paused = true;
            for (final PausableIdleStrategy member : members)
            {
                FixTestSupport.await("a paused thread to park", () -> member.parked);
            }
        }

        void resume()
        {
            paused = false;
        }

        int size()
        {
            return members.size();
        }
    }
}
