-- Headless Neovim (0.7+) as a second, non-VS-Code LSP client for postmortem-lint.
-- Runs the README's recipe for this Neovim ($PML_SNIPPET: the recipe with the server's and node's paths filled in),
-- opens $PML_FILE as Markdown so the recipe starts `node $PML_SERVER --stdio` and attaches it, waits for
-- diagnostics PUSHED by textDocument/publishDiagnostics (Neovim 0.7 cannot pull), then requests
-- textDocument/codeAction for the first diagnostic, passing the diagnostic exactly as the server
-- sent it (code actions are rebuilt from its `data`). Every result is printed as one line
-- `PML <json>` for test/lsp/neovim.test.ts to check; the exit code is 0 when the session completed.
local file = assert(os.getenv('PML_FILE'), 'PML_FILE is not set')
local snippet = assert(os.getenv('PML_SNIPPET'), 'PML_SNIPPET is not set')
local wait_ms = tonumber(os.getenv('PML_WAIT_MS') or '20000')

local function emit(kind, value)
  io.stdout:write('PML ' .. vim.fn.json_encode({ kind = kind, value = value }) .. '\n')
end

-- record every push, then let Neovim handle it as usual (the recipes configure no handlers)
local pushes = {}
local default_push = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  table.insert(pushes, result)
  return default_push(err, result, ctx, config)
end

local ok, recipe_err = pcall(dofile, snippet)
if not ok then
  emit('error', 'the README recipe failed: ' .. tostring(recipe_err))
  vim.cmd('cquit!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
if vim.bo.filetype ~= 'markdown' then vim.bo.filetype = 'markdown' end -- fires FileType, as detection would
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)

local function attached_client()
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.tbl_values(vim.lsp.buf_get_clients(buf))
  for _, c in ipairs(clients) do
    if c.name == 'postmortem-lint' or c.name == 'postmortem_lint' then return c end
  end
  return nil
end

local function pushed_diagnostics()
  for i = #pushes, 1, -1 do
    if pushes[i].uri == uri and #pushes[i].diagnostics > 0 then return pushes[i].diagnostics end
  end
  return nil
end

if not vim.wait(wait_ms, function() return attached_client() ~= nil end, 20) then
  emit('error', 'the README recipe attached no postmortem-lint client to the Markdown buffer')
  vim.cmd('cquit!')
end
local got = vim.wait(wait_ms, function() return pushed_diagnostics() ~= nil end, 20)
local client = attached_client()
emit('attached', client.name)
emit('server', client.server_capabilities and {
  codeActionProvider = client.server_capabilities.codeActionProvider ~= nil,
  diagnosticProvider = client.server_capabilities.diagnosticProvider ~= nil,
} or vim.NIL)
emit('pushes', #pushes)
if not got then
  emit('error', 'no diagnostics pushed within ' .. wait_ms .. ' ms')
else
  local diags = pushed_diagnostics()
  emit('diagnostics', diags)
  emit('buffer-diagnostics', #vim.diagnostic.get(buf))
  local d = diags[1]
  local resp, req_err = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = d.range,
    context = { diagnostics = { d }, only = { 'quickfix' } },
  }, wait_ms, buf)
  if not resp then
    emit('error', 'codeAction request failed: ' .. tostring(req_err))
  elseif resp.err then
    emit('error', 'codeAction error: ' .. vim.inspect(resp.err))
  else
    local actions = {}
    for _, a in ipairs(resp.result or {}) do
      table.insert(actions, { title = a.title, kind = a.kind or vim.NIL, hasEdit = a.edit ~= nil, hasCommand = a.command ~= nil })
    end
    emit('code-actions', actions)
  end
end
emit('done', true)
vim.lsp.stop_client(client.id)
vim.cmd('qall!')
