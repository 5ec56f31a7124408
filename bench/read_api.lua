-- wrk script for bench/read_api.py: rotates over request paths read from a file (one per line,
-- each thread starting at its own offset), sends the Authorization header given as the second
-- argument, and prints a one-line JSON summary that read_api.py parses.
--
--   wrk -t2 -c32 -d15s -s bench/read_api.lua http://127.0.0.1:PORT -- paths.txt "Bearer pk_…"

local paths = {}
local index = 0
local counter = 0

function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
end

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  index = offset or 0
  if args[2] ~= nil and args[2] ~= "" then
    wrk.headers["Authorization"] = args[2]
  end
end

function request()
  index = index + 1
  return wrk.format("GET", paths[(index % #paths) + 1])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"mean_us": %.1f, "non2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, latency.mean, errors.status, errors.connect, errors.read, errors.write,
    errors.timeout))
end
