-- check.lua: the wrk script every benchmark measures with (ceiling, floor
-- and page alike, so that its cost on the client is the same for all).
-- Every answer must be a 200 whose body holds each marker given after
-- `--` (the signed-in user's name, the page's heading: what a signed-out
-- redirect to /login or an error page does not have).  An argument
-- "@FILE" names a file of paths, one a line, asked in turn instead of the
-- URL's own path.
--
-- done() prints one line the shell parses (bench/common.sh, measure):
--   check: REQUESTS SECONDS P50_MS P99_MS WRONG_STATUS NO_MARKER SOCKET_ERRORS
-- WRONG_STATUS counts every answer that is not 200 (wrk's own "Non-2xx or
-- 3xx" count sees only 4xx and 5xx); SOCKET_ERRORS is wrk's connect, read,
-- write and timeout errors.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  markers, wrong, missing = {}, 0, 0
  for _, a in ipairs(args) do
    if a:sub(1, 1) == "@" then
      local paths = {}
      for line in io.lines(a:sub(2)) do
        if line ~= "" then table.insert(paths, line) end
      end
      local i = 0
      request = function()
        i = i % #paths + 1
        return wrk.format(nil, paths[i])
      end
    else
      table.insert(markers, a)
    end
  end
end

function response(status, headers, body)
  if status ~= 200 then
    wrong = wrong + 1
    return
  end
  for _, m in ipairs(markers) do
    if not body:find(m, 1, true) then
      missing = missing + 1
      return
    end
  end
end

function done(summary, latency, requests)
  local w, m = 0, 0
  for _, t in ipairs(threads) do
    w = w + t:get("wrong")
    m = m + t:get("missing")
  end
  local e = summary.errors
  io.write(string.format("check: %d %.3f %.3f %.3f %d %d %d\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    w, m, e.connect + e.read + e.write + e.timeout))
end
