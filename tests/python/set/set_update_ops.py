# In-place update methods and their operator forms on sets of ints.
s = {1, 2, 3}
s.update({4}, [5, 6])
print(s)
s.intersection_update({1, 2, 3, 4, 10})
print(s)
s.difference_update([1])
print(s)
s.symmetric_difference_update({3, 7})
print(s)
print(s.union(), s.issuperset({2}), {1, 2}.issuperset({1, 2, 3}))
