namespace GitHost.Pipelines.Triggers;

/// <summary>
/// A glob as a nondeterministic automaton, run by keeping the set of live states: each character of
/// the name is looked at once against at most every state, so matching is linear in the name whatever
/// the pattern, with no backtracking for a hostile pattern such as <c>*a*a*a*a*b</c> to exploit.
/// </summary>
internal sealed class GlobAutomaton(IReadOnlyList<GlobState> states)
{
    public bool IsMatch(string value)
    {
        var current = new HashSet<int>();
        var next = new HashSet<int>();
        AddWithClosure(current, 0);
        foreach (var c in value)
        {
            next.Clear();
            foreach (var index in current)
            {
                var state = states[index];
                if (!state.Consumes(c))
                {
                    continue;
                }

                // A star consumes and stays; every other consuming state moves on.
                AddWithClosure(next, state.Kind is GlobStateKind.Star or GlobStateKind.DoubleStar ? index : state.Next);
            }

            if (next.Count == 0)
            {
                return false;
            }

            (current, next) = (next, current);
        }

        return current.Any(i => states[i].Kind == GlobStateKind.Match);
    }

    /// <summary>Adds a state and every state reachable from it without consuming a character.</summary>
    private void AddWithClosure(HashSet<int> set, int start)
    {
        var pending = new Stack<int>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            var index = pending.Pop();
            if (!set.Add(index))
            {
                continue;
            }

            var state = states[index];
            switch (state.Kind)
            {
                case GlobStateKind.Star or GlobStateKind.DoubleStar or GlobStateKind.Jump:
                    pending.Push(state.Next);
                    break;
                case GlobStateKind.Branch:
                    foreach (var alternative in state.Alternatives)
                    {
                        pending.Push(alternative);
                    }

                    break;
            }
        }
    }
}
