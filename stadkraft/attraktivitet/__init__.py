"""Attraktivitet: Telemarksforsking's attractiveness model (version 2.1), rebuilt openly on SSB's statistics.

A municipality is attractive when it grows more than its structure predicts: for business (private
job growth beyond national growth, industry mix and population growth: `naering`) and for living (net
migration beyond what size, commuting and job growth predict: `bosted`, `pendling`, `regresjon`).
`modell` computes every municipality's annual components once per database; `periode` averages them
over a period, classes and ranks them; `tabell` is the CSV. Pure functions, no Streamlit. (Nothing is
imported here, so `python -m stadkraft.attraktivitet` sets up its logging before the database module loads.)
"""
