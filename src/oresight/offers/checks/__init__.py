"""The checks of an offer, one module per dossier section."""
