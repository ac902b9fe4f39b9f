-- Sends one web ballot per line of BALLOTS (a file of JSON bodies written by
-- `zhanju bench ballots-setup`), each line once: thread n of t sends lines n, n+t, n+2t, ...
-- and stops when its share runs out.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local total = tonumber(os.getenv("WRK_THREADS") or "2")
  bodies = {}
  local n = 0
  for line in io.lines(os.getenv("BALLOTS")) do
    if n % total == id then table.insert(bodies, line) end
    n = n + 1
  end
  next_body = 1
  created, refused, other = 0, 0, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body = bodies[next_body]
  if body == nil then
    -- Out of codes: a request that is refused (422) without touching a ballot, counted apart.
    body = '{"code":"SPENT-SPENT-SPENT-0000"}'
  end
  next_body = next_body + 1
  return wrk.format("POST", "/api/v1/ballots", nil, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 422 then refused = refused + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local c, r, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); r = r + t:get("refused"); o = o + t:get("other")
  end
  io.write(string.format("ballots acknowledged (201): %d, refused (422): %d, other: %d\n", c, r, o))
end
