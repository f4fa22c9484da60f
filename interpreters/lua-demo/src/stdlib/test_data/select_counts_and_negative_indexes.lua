print(select("#"), select("#", nil, nil), select(2, "a", "b", "c"), select(-1, "a", "b", "c"))
print(select(5, 1, 2), pcall(select, 0, 1), pcall(select, -3, 1))
print(pcall(select, "x"))
