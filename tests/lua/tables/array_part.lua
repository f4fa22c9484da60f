-- Sequences: construction, indexing from 1, growth by assignment, # on proper sequences.
local t = { 10, 20, 30 }
print(t[1], t[2], t[3], t[0], t[4], #t)
t[4] = 40
t[#t + 1] = 50
print(#t, t[5])
local big = {}
for i = 1, 1000 do big[i] = i * 2 end
print(#big, big[1], big[500], big[1000])
local sum = 0
for i = 1, #big do sum = sum + big[i] end
print(sum)
big[#big] = nil
print(#big)
print(#{}, #{ nil }, #{ 1, 2, 3, nil })
