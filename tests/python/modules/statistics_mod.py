# statistics: exact means (int results stay int when whole), medians, modes, variance and
# standard deviation correctly rounded, quantiles, and the errors for too little data.
import statistics as st
from fractions import Fraction

ints = [2, 4, 4, 4, 5, 5, 7, 9]
floats = [1.5, 2.5, 2.5, 2.75, 3.25, 4.75]
print(st.mean(ints), st.mean([1, 2]), st.mean(floats), st.mean([Fraction(1, 3), Fraction(2, 3)]))
print(st.fmean(ints), st.fmean([1, 2, 3], weights=[3, 2, 1]), st.geometric_mean([1, 2, 4]) , st.harmonic_mean([40, 60]))
print(st.median(ints), st.median([3, 1, 2]), st.median_low(ints), st.median_high(ints), st.median_grouped([1, 2, 2, 3]))
print(st.mode("abracadabra"), st.multimode("aabbc"), st.mode([1, 1, 2]))
print(st.variance(ints), st.pvariance(ints), st.stdev(ints), st.pstdev(ints))
print(st.variance(floats), st.stdev(floats), st.pstdev(floats), st.variance([1, 2, 3, 4]))
print(st.quantiles(range(1, 11)), st.quantiles([1, 3, 5, 7, 9], n=5, method="inclusive"))
print(st.stdev([10 ** 10 + i for i in range(5)]), st.pvariance([Fraction(1, 2), Fraction(3, 2)]))
for bad in (lambda: st.mean([]), lambda: st.stdev([1]), lambda: st.median([])):
    try:
        bad()
    except st.StatisticsError as e:
        print("StatisticsError:", e)
