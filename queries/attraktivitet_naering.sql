-- Jobs by place of work per municipality, year and industry group (SN2007, not the total), 4th quarter:
-- the shift-share's input. Empty when the database has no employment by industry (the offline mirror).
-- 07984 has no sector by industry, so its groups count public and private jobs together. The groups that
-- are mostly public (84 public administration and defence, 85 education, 86-88 health and social work) are
-- left out: in a shift-share of private jobs they would credit or debit the municipality for the growth of
-- public services. The shares are then of the jobs in the remaining, mostly private, groups.
SELECT kommunenummer, aar, naering, sysselsatte
FROM sysselsetting
WHERE sektor = 'alle' AND naering <> '00-99' AND naering SIMILAR TO '[0-9]{2}(-[0-9]{2})?'
  AND naering NOT IN ('84', '85', '86-88')
  AND kilde <> 'mangler' AND sysselsatte IS NOT NULL
ORDER BY kommunenummer, aar, naering
