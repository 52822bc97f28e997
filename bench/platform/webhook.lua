-- wrk script for webhook ingest: every request is a new GitLab delivery (fresh event UUID), half pushes to the
-- default branch (deduplicated into one queued scan), half merge requests opened with new commits (one job each).
-- Reads SECRET and PROJECT from the environment.
local secret = os.getenv("SECRET")
local project = os.getenv("PROJECT") or "1"
local counter = 0
local thread_id = 0

setup = function(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

init = function(args)
  math.randomseed(os.time() + thread_id * 7919)
end

local function uuid()
  counter = counter + 1
  return string.format("%08x-%04x-4%03x-a%03x-%012x", os.time() % 0xffffffff, thread_id, math.random(0, 4095),
    math.random(0, 4095), counter)
end

request = function()
  local id = uuid()
  local body
  local event
  if counter % 2 == 0 then
    event = "Push Hook"
    body = string.format('{"object_kind":"push","ref":"refs/heads/main","before":"%s","after":"%040x","project_id":%s,"project":{"id":%s}}',
      string.rep("0", 40), counter, project, project)
  else
    event = "Merge Request Hook"
    body = string.format('{"object_kind":"merge_request","project":{"id":%s},"object_attributes":{"iid":%d,"action":"open","state":"opened","source_branch":"feature/%d","target_branch":"main","source_project_id":%s,"target_project_id":%s,"last_commit":{"id":"%040x"}}}',
      project, thread_id * 1000000 + counter, counter, project, project, counter)
  end
  return wrk.format("POST", "/webhooks/gitlab", {
    ["Content-Type"] = "application/json",
    ["X-Gitlab-Event"] = event,
    ["X-Gitlab-Token"] = secret,
    ["X-Gitlab-Event-UUID"] = id,
    ["Idempotency-Key"] = id,
  }, body)
end

dofile(os.getenv("REPORT_LUA"))
