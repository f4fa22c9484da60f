-- closure_interp: an interpreter written in the language: a small loop program
-- given as a tree is compiled to nested closures, then run. Exercises closure
-- creation, indirect calls and upvalue reads.
-- arg[1] = loop count of the interpreted program (default 300000);
-- arg[2] = iterations ("iter K SECONDS" on stderr).

-- Slots of the interpreted program's variables (1-based env table).
local I, S, N = 1, 2, 3

local compile_node

local binary = {
  add = function(a, b) return function(env) return a(env) + b(env) end end,
  sub = function(a, b) return function(env) return a(env) - b(env) end end,
  mul = function(a, b) return function(env) return a(env) * b(env) end end,
  mod = function(a, b) return function(env) return a(env) % b(env) end end,
  lt = function(a, b) return function(env) return a(env) < b(env) end end,
  eq = function(a, b) return function(env) return a(env) == b(env) end end,
}

compile_node = function(node)
  local op = node[1]
  if op == "num" then
    local v = node[2]
    return function(env) return v end
  end
  if op == "var" then
    local k = node[2]
    return function(env) return env[k] end
  end
  if binary[op] then
    return binary[op](compile_node(node[2]), compile_node(node[3]))
  end
  if op == "set" then
    local k = node[2]
    local e = compile_node(node[3])
    return function(env)
      env[k] = e(env)
      return 0
    end
  end
  if op == "seq" then
    local stmts = {}
    for idx, s in ipairs(node[2]) do
      stmts[idx] = compile_node(s)
    end
    return function(env)
      for idx = 1, #stmts do
        stmts[idx](env)
      end
      return 0
    end
  end
  if op == "if" then
    local c = compile_node(node[2])
    local t = compile_node(node[3])
    local f = compile_node(node[4])
    return function(env)
      if c(env) then
        return t(env)
      end
      return f(env)
    end
  end
  if op == "while" then
    local c = compile_node(node[2])
    local body = compile_node(node[3])
    return function(env)
      while c(env) do
        body(env)
      end
      return 0
    end
  end
  error("unknown node " .. tostring(op))
end

-- i = 0; s = 0
-- while i < n:
--     if i % 3 == 0: s = (s + i * 2) % 1000003
--     else: s = (s + 1) % 1000003
--     i = i + 1
local PROGRAM = { "seq", {
  { "set", I, { "num", 0 } },
  { "set", S, { "num", 0 } },
  { "while", { "lt", { "var", I }, { "var", N } }, { "seq", {
    { "if", { "eq", { "mod", { "var", I }, { "num", 3 } }, { "num", 0 } },
      { "set", S, { "mod", { "add", { "var", S }, { "mul", { "var", I }, { "num", 2 } } }, { "num", 1000003 } } },
      { "set", S, { "mod", { "add", { "var", S }, { "num", 1 } }, { "num", 1000003 } } } },
    { "set", I, { "add", { "var", I }, { "num", 1 } } },
  } } },
} }

local function run(n)
  local env = { 0, 0, n }
  compile_node(PROGRAM)(env)
  return env[S]
end

local n = tonumber(arg and arg[1]) or 300000
local iters = tonumber(arg and arg[2]) or 1
local r = 0
for k = 1, iters do
  local t0 = os.clock()
  r = run(n)
  if iters > 1 then
    io.stderr:write(string.format("iter %d %.6f\n", k, os.clock() - t0))
  end
end
print(string.format("%d", r))
