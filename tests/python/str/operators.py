# Concatenation, repetition, membership and comparison of strings.
print("ab" + "cd", "ab" * 3, 3 * "x", "ab" * 0, "ab" * -2 == "")
print("b" in "abc", "bc" in "abc", "" in "abc", "d" not in "abc")
print("abc" < "abd", "abc" < "ab", "Z" < "a", "apple" == "apple", "a" != "b", "abc" >= "abc")
print(sorted(["banana", "Apple", "cherry", "apple", "Banana"]), min("hello"), max("hello"))
print(len("abc" * 1000), ("-" * 20))
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "a" * 2.5
except TypeError as e:
    print("TypeError:", e)
