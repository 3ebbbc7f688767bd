"""Report files: reading them (`parsing`, pure), resolving units (`resolve`), checking and
writing them all or nothing (`importer`, `checking`, `writing`), the admin's resources
(`resources`), templates, exports and error files (`exports`), and the import pages' forms
and stored uploads (`forms`, `storage`)."""
