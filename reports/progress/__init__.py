"""Progress of a plan's targets: status, projections, aggregates, reports and the dashboard.

`engine` holds the pure rules applied to one target (no database); `selectors` fetches
what a page needs in a fixed number of queries and runs the engine over it; `charts`,
`official` and `xlsx` turn the result into figures, the printed layout and spreadsheets.
"""
