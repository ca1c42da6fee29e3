-- wrk script for rest-repos.sh's pull-request scenario: each request asks for a random page of 25,
-- so the measurement covers the whole list and not one cached first page. BENCH_PAGES is the page count.
local pages = tonumber(os.getenv("BENCH_PAGES") or "400")

request = function()
  local start = math.random(0, pages - 1) * 25
  return wrk.format(nil, wrk.path .. "&start=" .. start)
end
