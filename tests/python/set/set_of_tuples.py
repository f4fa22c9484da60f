# Sets of tuples for visited states in a grid walk, printed sorted.
moves = "NNEESSWWNE"
pos = (0, 0)
visited = {pos}
deltas = {"N": (0, 1), "S": (0, -1), "E": (1, 0), "W": (-1, 0)}
for m in moves:
    dx, dy = deltas[m]
    pos = (pos[0] + dx, pos[1] + dy)
    visited.add(pos)
print(len(visited), sorted(visited))
print((0, 0) in visited, (5, 5) in visited)
