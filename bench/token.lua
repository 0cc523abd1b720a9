-- wrk script for bench/run-token.sh: POSTs to /sso/token, one grant per
-- request.  MODE=code|refresh|client; codes and refresh tokens are single
-- use, so each comes once: TOKFILE holds one a line, thread i of THREADS
-- takes lines i, i+THREADS, ...  A thread that runs out stops (run-token.sh
-- makes more than the run can use).  AUTH is the Authorization header
-- (client_secret_basic), REDIRECT the code's redirect_uri (encoded).
local mode = os.getenv("MODE")
local file = os.getenv("TOKFILE")
local nthreads = tonumber(os.getenv("THREADS"))
local auth = os.getenv("AUTH")
local redirect = os.getenv("REDIRECT") or ""
local counter = 0

function setup(thread)
	thread:set("id", counter)
	counter = counter + 1
end

function init(args)
	tokens = {}
	idx = 0
	if mode ~= "client" then
		local i = 0
		for line in io.lines(file) do
			if i % nthreads == id then
				tokens[#tokens + 1] = line
			end
			i = i + 1
		end
	end
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
	wrk.headers["Authorization"] = auth
end

function request()
	local body
	if mode == "client" then
		body = "grant_type=client_credentials"
	else
		idx = idx + 1
		local t = tokens[idx]
		if t == nil then
			wrk.thread:stop()
			t = "exhausted"
		end
		if mode == "code" then
			body = "grant_type=authorization_code&code=" .. t .. "&redirect_uri=" .. redirect
		else
			body = "grant_type=refresh_token&refresh_token=" .. t
		end
	end
	return wrk.format(nil, nil, nil, body)
end
