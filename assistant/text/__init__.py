"""Small text helpers every stage shares: folding, lines, tokens, language and compounds."""
