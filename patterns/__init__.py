"""Rule files shipped with vbminer (data only; loaded by vbminer.patterns_loader)."""
