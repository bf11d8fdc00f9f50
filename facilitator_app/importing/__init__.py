"""Reading registration lists (CSV, XLSX) into validated rows. No storage here."""
