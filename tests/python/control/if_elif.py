# if/elif/else chains with and/or conditions.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n % 2 == 0 and n > 100:
        return "big even"
    elif n % 2 == 0:
        return "even"
    else:
        return "odd"
for n in [-5, 0, 7, 8, 200, 201]:
    print(n, classify(n))
x = 3
if x:
    print("truthy")
if not []:
    print("empty list is falsy")
