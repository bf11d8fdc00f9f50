"""The Qt face of CREANDO Desk. Importing this package does not import Qt."""
