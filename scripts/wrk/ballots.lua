-- Sends one web ballot per line of BALLOTS (a file of JSON bodies written by
-- `zhanju bench ballots-setup`), each line once: thread n of t sends lines n, n+t, n+2t, ...
-- and stops when its share runs out. No response() callback: with one, wrk parses every
-- response's headers into Lua tables, on the cores the server uses. A 201 is the only success,
-- so wrk's own "Non-2xx" line counts the refused.
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
