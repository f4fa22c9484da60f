-- oo_sim: an object-oriented ecosystem simulation: a class hierarchy (Plant,
-- Grazer, Hunter under Agent) built with metatables, method calls, field reads
-- and writes, and a world object handing out pseudo-random numbers. Integer
-- arithmetic only, below 2^53. arg[1] = ticks (default 2000);
-- arg[2] = iterations ("iter K SECONDS" on stderr).
local Agent = {}
Agent.__index = Agent

function Agent:alive()
  return self.energy > 0
end

function Agent:bite(amount)
  local taken = amount
  if self.energy < amount then
    taken = self.energy
  end
  self.energy = self.energy - taken
  return taken
end

local function subclass(base)
  local cls = setmetatable({}, { __index = base })
  cls.__index = cls
  cls.new = function(energy)
    return setmetatable({ energy = energy }, cls)
  end
  return cls
end

local Plant = subclass(Agent)
local Grazer = subclass(Agent)
local Hunter = subclass(Agent)

function Plant:kind()
  return 0
end

function Plant:step(world)
  self.energy = self.energy + 3
  if self.energy > 60 then
    self.energy = 60
  end
end

function Grazer:kind()
  return 1
end

function Grazer:step(world)
  local target = world:agent_at(world:rand() % world.size)
  if target:kind() == 0 then
    self.energy = self.energy + target:bite(6)
  end
  self.energy = self.energy - 2
end

function Hunter:kind()
  return 2
end

function Hunter:step(world)
  local target = world:agent_at(world:rand() % world.size)
  if target:kind() == 1 then
    self.energy = self.energy + target:bite(9)
  end
  self.energy = self.energy - 1
end

local World = {}
World.__index = World

function World.new(size, seed)
  local w = setmetatable({ size = size, seed = seed, agents = {} }, World)
  for i = 1, size do
    w.agents[i] = w:spawn()
  end
  return w
end

function World:rand()
  self.seed = self.seed * 16807 % 2147483647
  return self.seed
end

-- Takes a 0-based index, as in oo_sim.py.
function World:agent_at(i)
  return self.agents[i + 1]
end

function World:spawn()
  local r = self:rand() % 10
  if r < 6 then
    return Plant.new(20)
  end
  if r < 9 then
    return Grazer.new(30)
  end
  return Hunter.new(40)
end

function World:tick()
  local agents = self.agents
  for i = 1, self.size do
    agents[i]:step(self)
  end
  for i = 1, self.size do
    if not agents[i]:alive() then
      agents[i] = self:spawn()
    end
  end
end

local function run(ticks)
  local world = World.new(500, 12345)
  for _ = 1, ticks do
    world:tick()
  end
  local census = { 0, 0, 0 }
  local energy = 0
  for i = 1, world.size do
    local a = world.agents[i]
    census[a:kind() + 1] = census[a:kind() + 1] + 1
    energy = energy + a.energy
  end
  return census[1], census[2], census[3], energy
end

local ticks = tonumber(arg and arg[1]) or 2000
local iters = tonumber(arg and arg[2]) or 1
local p, g, h, e
for k = 1, iters do
  local t0 = os.clock()
  p, g, h, e = run(ticks)
  if iters > 1 then
    io.stderr:write(string.format("iter %d %.6f\n", k, os.clock() - t0))
  end
end
print(string.format("%d %d %d %d", p, g, h, e))
