SELECT fylkesnummer, fylkesnavn, geometri FROM fylkesgrense ORDER BY fylkesnummer
