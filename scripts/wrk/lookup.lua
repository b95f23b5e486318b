-- POST /lookup with a different (code, last 4 digits) pair on every request,
-- read from the file named by LOOKUPS ("CODE LAST4" per line), with the
-- CSRF cookie and token given in CSRF.
local pairs_list = {}
local csrf = os.getenv("CSRF")
for line in io.lines(os.getenv("LOOKUPS")) do
  local code, check = line:match("^(%S+)%s+(%d+)$")
  if code then pairs_list[#pairs_list + 1] = { code, check } end
end
local i = 0
request = function()
  i = i % #pairs_list + 1
  local p = pairs_list[i]
  local body = "_csrf=" .. csrf .. "&code=" .. p[1] .. "&check=" .. p[2]
  return wrk.format("POST", "/lookup", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "motcua_csrf=" .. csrf,
  }, body)
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
