package synth

import (
	"math"
	"math/rand/v2"
)

// random is the generator's source of chance: a PCG stream, so the same
// seed draws the same numbers on every machine and Go release that keeps
// math/rand/v2's algorithms.
type random struct{ *rand.Rand }

func newRandom(seed, stream uint64) random {
	return random{rand.New(rand.NewPCG(seed, stream))}
}

func (r random) chance(p float64) bool { return r.Float64() < p }

// between is a whole number from lo to hi, both included.
func (r random) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

func (r random) dayBetween(lo, hi day) day { return lo + day(r.IntN(int(hi-lo)+1)) }

// exp draws from an exponential distribution with the given mean.
func (r random) exp(mean float64) float64 { return r.ExpFloat64() * mean }

// logNormal draws a positive number around median; spread is the sigma of
// its logarithm.
func (r random) logNormal(median, spread float64) float64 {
	return median * math.Exp(spread*r.NormFloat64())
}

// geometric is the number of failures before the first success, at least 0.
func (r random) geometric(p float64) int {
	n := 0
	for !r.chance(p) && n < 1000 {
		n++
	}
	return n
}

// pick returns an index drawn with the given weights (which need not sum to 1).
func (r random) pick(weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	u := r.Float64() * total
	for i, w := range weights {
		if u < w {
			return i
		}
		u -= w
	}
	return len(weights) - 1
}

func (r random) pickString(values []string, weights []float64) string {
	return values[r.pick(weights)]
}

func (r random) pickFTE(values []fteChoice, weights []float64) fteChoice {
	return values[r.pick(weights)]
}

// spacing draws the time to a person's next event when events come at a
// mean interval but, unlike pure chance, rarely right after one another
// (a gamma distribution of shape 2).
func (r random) spacing(mean float64) float64 {
	return (r.ExpFloat64() + r.ExpFloat64()) * mean / 2
}
