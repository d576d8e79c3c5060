package chart

import (
	"strconv"
	"strings"
)

// tolerance is how far, in tenths of a pixel, a simplified outline may stray from the
// source. A fifth of a pixel is invisible even on a 2× screen, yet it cuts the path data for
// all 79 municipalities at 640 px from ~330 KB to ~110 KB: the source has far more detail
// than a map this size can show.
const tolerance = 2

// simplify projects a ring and drops what cannot be seen at this size: points that round onto
// their predecessor, points on a straight line between neighbours, the closing point (which
// "z" makes redundant) and detail smaller than tolerance. Neighbours are simplified apart, so
// shared borders may differ by up to tolerance; the white stroke hides that.
func simplify(ring [][2]float64, project func([2]float64) [2]int) [][2]int {
	pts := make([][2]int, 0, len(ring))
	for _, p := range ring {
		q := project(p)
		for n := len(pts); n >= 2 && cross(pts[n-2], pts[n-1], q) == 0; n-- {
			pts = pts[:n-1]
		}
		if n := len(pts); n > 0 && pts[n-1] == q {
			continue
		}
		pts = append(pts, q)
	}
	if n := len(pts); n > 1 && pts[n-1] == pts[0] {
		pts = pts[:n-1]
	}
	if len(pts) < 3 {
		return nil
	}
	return douglasPeucker(pts)
}

// douglasPeucker keeps the points that lie farther than tolerance from the line through the
// points kept around them. The ring is treated as a path from its first point back to itself.
func douglasPeucker(ring [][2]int) [][2]int {
	pts := append(ring[:len(ring):len(ring)], ring[0])
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	stack := [][2]int{{0, len(pts) - 1}}
	for len(stack) > 0 {
		lo, hi := stack[len(stack)-1][0], stack[len(stack)-1][1]
		stack = stack[:len(stack)-1]
		far, farDist := -1, 0.0
		for i := lo + 1; i < hi; i++ {
			if d := dist2(pts[lo], pts[hi], pts[i]); d > farDist {
				far, farDist = i, d
			}
		}
		if far >= 0 && farDist > tolerance*tolerance {
			keep[far] = true
			stack = append(stack, [2]int{lo, far}, [2]int{far, hi})
		}
	}
	out := make([][2]int, 0, len(ring))
	for i, p := range ring {
		if keep[i] {
			out = append(out, p)
		}
	}
	if len(out) < 3 {
		return nil // smaller than tolerance: an islet that would not show
	}
	return out
}

// dist2 is the squared distance from p to the line through a and b (to a itself if a == b).
func dist2(a, b, p [2]int) float64 {
	dx, dy := float64(b[0]-a[0]), float64(b[1]-a[1])
	if dx == 0 && dy == 0 {
		px, py := float64(p[0]-a[0]), float64(p[1]-a[1])
		return px*px + py*py
	}
	c := float64(cross(a, b, p))
	return c * c / (dx*dx + dy*dy)
}

func cross(a, b, c [2]int) int {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// writeRing appends one closed subpath with relative coordinates. A relative "m" starts from
// where the previous "z" left the pen: the previous subpath's first point, passed as from.
func writeRing(d *strings.Builder, from [2]int, pts [][2]int) {
	d.WriteByte('m')
	prev, last := from, ""
	for i, p := range pts {
		x, y := tenths(p[0]-prev[0]), tenths(p[1]-prev[1])
		if i > 0 && needSpace(last, x) {
			d.WriteByte(' ')
		}
		d.WriteString(x)
		if needSpace(x, y) {
			d.WriteByte(' ')
		}
		d.WriteString(y)
		prev, last = p, y
	}
	d.WriteByte('z')
}

// needSpace reports whether two numbers need a space between them in path data: a minus sign
// starts a new number, and so does a second decimal point (".5.3" is .5 then .3).
func needSpace(prev, next string) bool {
	return next[0] != '-' && !(next[0] == '.' && strings.IndexByte(prev, '.') >= 0)
}

// tenths formats v/10 without leading or trailing zeros: 15 → "1.5", -5 → "-.5", 20 → "2".
func tenths(v int) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	whole, frac := v/10, v%10
	s := sign
	if whole != 0 || frac == 0 {
		s += strconv.Itoa(whole)
	}
	if frac != 0 {
		s += "." + strconv.Itoa(frac)
	}
	return s
}
