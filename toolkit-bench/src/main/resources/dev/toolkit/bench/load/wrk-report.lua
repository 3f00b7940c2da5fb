-- toolkit-bench's wrk script (run by WrkLoad).
--
-- Argument N (after wrk's "--"): with N > 1 each connection writes N copies of the GET request in one write
-- and writes the next N once all N answers are in (HTTP/1.1 pipelining); with N = 1 (the default) wrk's own
-- prebuilt request is sent, one at a time per connection, without calling Lua per request.
--
-- When the run is over, one line "wrk-result {...}" gives the counts as JSON, and the CPU seconds (user plus
-- system, every thread) wrk itself used, which WrkLoad reads instead of wrk's human-readable summary.

function init(args)
   local depth = tonumber(args[1] or "1")
   if depth == nil or depth < 1 or depth ~= math.floor(depth) then
      error("the pipelining depth must be a whole number >= 1, got " .. tostring(args[1]))
   end
   if depth > 1 then
      local batch = string.rep(wrk.format(), depth)
      request = function()
         return batch
      end
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format('wrk-result {"requests":%d,"durationMicros":%d,"bytes":%d,"connect":%d,"read":%d,'
         .. '"write":%d,"timeout":%d,"status":%d,"cpuSeconds":%.6f}\n',
         summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
         os.clock()))
end
