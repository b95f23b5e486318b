-- GET the path in WRK_PATH with the session cookie in SESSION (if any);
-- prints percentiles and counts non-200 answers.
local session = os.getenv("SESSION")
local path = os.getenv("WRK_PATH")
request = function()
  local headers = {}
  if session and session ~= "" then headers["Cookie"] = "motcua_session=" .. session end
  return wrk.format("GET", path, headers)
end
local bad = 0
response = function(status)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency)
  io.write(string.format("non-200 answers: %d\n", bad))
  io.write(string.format("p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
