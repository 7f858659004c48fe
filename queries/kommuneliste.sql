-- Every municipality for pickers, alphabetical.
SELECT kommunenummer, navn, fylkesnavn FROM kommune ORDER BY navn
