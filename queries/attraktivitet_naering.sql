-- Jobs by place of work per municipality, year and industry group (SN2007, not the total), 4th quarter:
-- the shift-share's input. Empty when the database has no employment by industry (the offline mirror).
SELECT kommunenummer, aar, naering, sysselsatte
FROM sysselsetting
WHERE sektor = 'alle' AND naering <> '00-99' AND naering SIMILAR TO '[0-9]{2}(-[0-9]{2})?'
  AND kilde <> 'mangler' AND sysselsatte IS NOT NULL
ORDER BY kommunenummer, aar, naering
