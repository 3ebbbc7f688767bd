"""DHIS2's `dataValueSets`, with `idScheme=code`: reading a posted set (`reading`),
importing it through the reports' services (`importing`), and writing the stored values
back in the same shape (`exporting`)."""
