"""FIT Japan IP Global dashboard: the code the pages share."""
