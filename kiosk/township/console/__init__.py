"""乡镇管理台: the township's web console (server-side pages on the township server)."""
