-- Headless Neovim (0.7+) as a second, non-VS-Code LSP client for postmortem-lint.
-- Starts `node $PML_SERVER --stdio` with Neovim's built-in client, opens $PML_FILE, waits for
-- diagnostics PUSHED by textDocument/publishDiagnostics (Neovim 0.7 cannot pull), then requests
-- textDocument/codeAction for the first diagnostic, passing the diagnostic exactly as the server
-- sent it (code actions are rebuilt from its `data`). Every result is printed as one line
-- `PML <json>` for test/lsp/neovim.test.ts to check; the exit code is 0 when the session completed.
local server = assert(os.getenv('PML_SERVER'), 'PML_SERVER is not set')
local file = assert(os.getenv('PML_FILE'), 'PML_FILE is not set')
local wait_ms = tonumber(os.getenv('PML_WAIT_MS') or '20000')

local function emit(kind, value)
  io.stdout:write('PML ' .. vim.fn.json_encode({ kind = kind, value = value }) .. '\n')
end

local pushes = {}
local client_id = vim.lsp.start_client({
  name = 'postmortem-lint',
  cmd = { os.getenv('PML_NODE') or 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      table.insert(pushes, result)
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
  on_exit = function(code, signal) emit('server-exit', { code = code, signal = signal }) end,
})
if not client_id then
  emit('error', 'vim.lsp.start_client failed')
  vim.cmd('cquit!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
vim.bo.filetype = 'markdown'
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)
local uri = vim.uri_from_bufnr(buf)

local function pushed_diagnostics()
  for i = #pushes, 1, -1 do
    if pushes[i].uri == uri and #pushes[i].diagnostics > 0 then return pushes[i].diagnostics end
  end
  return nil
end

local got = vim.wait(wait_ms, function() return pushed_diagnostics() ~= nil end, 20)
local client = vim.lsp.get_client_by_id(client_id)
emit('server', client and client.server_capabilities and {
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
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
