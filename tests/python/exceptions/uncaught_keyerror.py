# An uncaught KeyError shows the key's repr.
prices = {"apple": 3}
print(prices["apple"])
print(prices["pear"])
