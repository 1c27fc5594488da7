"""Exchange between offline installations: signed assessment packages, plain answers files and
Excel answer sheets, and their import with conflict detection.

Modules: ``files`` (limits, sniffing, atomic writes), ``safezip`` (hostile ZIP archives),
``payload`` (the assessment.json schema, snapshots and content digests), ``package`` (build and
verify signed packages), ``apply`` (write imports into the database), ``service`` (the entry
points the CLI and GUI call).
"""
