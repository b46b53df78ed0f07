"""The claim timeline as server-rendered SVG: no script, no CDN, readable at 10 and at 5,000 points.

Figure claims: time across, the figure up; one colour per source; a vertical
bar shows the range the wording allows ("about", "more than", "up to",
"several thousand"); dashed red lines join figures an alert found
contradictory; alerts sit as markers on a lane under the time axis.
Status claims: one lane per speaker, a dot per statement coloured by position
(affirmed, denied, unconfirmed; hollow when recalled), and a light band for the
position the speaker held until the next one.

Many observations on few pixels are merged, never dropped: marks that would
fall on the same 5x5 pixel cell of the same source (or lane and position)
become one larger mark whose ``data-count`` says how many observations it
stands for, so the counts of all marks add up to the observations drawn.
"""
