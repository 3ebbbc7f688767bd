"""Reads of the reporting pages, one module per page: `entry` (the entry grid and a
reporter's open periods), `review` (one report and the queue waiting for review),
`completeness`, `history` (the audit trail of values and states), and `common` (what
they share: the done states, periods, the catalogue and the warnings of a set of values).

Every function fetches what its page needs in a fixed number of queries, whatever the
number of units or indicators.
"""
