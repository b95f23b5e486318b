-- GET the path in WRK_PATH with the session cookie in SESSION (if any).
-- If WRK_PATH contains {code}, each request takes the next dossier code
-- from the file named by LOOKUPS ("CODE LAST4" per line), so caches do
-- not flatter the figure. Prints percentiles and counts non-200 answers.
local session = os.getenv("SESSION")
local path = os.getenv("WRK_PATH")
local codes = {}
if path:find("{code}", 1, true) then
  for line in io.lines(os.getenv("LOOKUPS")) do
    local code = line:match("^(%S+)")
    if code then codes[#codes + 1] = code end
  end
end
local i = 0
request = function()
  local headers = {}
  if session and session ~= "" then headers["Cookie"] = "motcua_session=" .. session end
  local p = path
  if #codes > 0 then
    i = i % #codes + 1
    p = path:gsub("{code}", codes[i])
  end
  return wrk.format("GET", p, headers)
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
