"""One router per pillar; each calls that pillar's public functions only."""
