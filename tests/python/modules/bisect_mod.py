# bisect: bisect_left/right, insort, and a grade lookup table.
import bisect
a = [1, 3, 3, 3, 7, 9]
print(bisect.bisect_left(a, 3), bisect.bisect_right(a, 3), bisect.bisect(a, 4), bisect.bisect_left(a, 0), bisect.bisect(a, 10))
bisect.insort(a, 5)
bisect.insort_left(a, 3)
print(a)
def grade(score, cuts=[60, 70, 80, 90], letters="FDCBA"):
    return letters[bisect.bisect(cuts, score)]
print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
print(bisect.bisect_left([10, 20, 30], 25, lo=1, hi=3), bisect.bisect(["a", "c"], "b"))
