package chart

// levelColours is ColorBrewer's colour-blind-safe sequential "YlGnBu" in six steps, one per
// maturity level 0–5: light for low, dark for high.
var levelColours = [...]string{"#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"}

// levelText is the text colour on each level's fill. It is fixed rather than computed: the
// test checks every pair against WCAG AA (contrast ≥ 4.5:1).
var levelText = [...]string{"#000000", "#000000", "#000000", "#000000", "#000000", "#ffffff"}

// LevelColour returns the fill for maturity level 0–5; any other level (no data) gets the
// neutral grey the map also uses for missing values.
func LevelColour(level int) string {
	if level < 0 || level >= len(levelColours) {
		return neutral
	}
	return levelColours[level]
}

// TextColour returns black or white, whichever reads on LevelColour(level) with a WCAG AA
// contrast ratio of at least 4.5:1.
func TextColour(level int) string {
	if level < 0 || level >= len(levelText) {
		return "#000000"
	}
	return levelText[level]
}
