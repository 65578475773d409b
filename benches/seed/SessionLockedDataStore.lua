-- SessionLockedDataStore.lua
-- Place in ServerScriptService

local Players = game:GetService("Players")
local DataStoreService = game:GetService("DataStoreService")
local HttpService = game:GetService("HttpService")
local RunService = game:GetService("RunService")

local dataStore = DataStoreService:GetDataStore("PlayerData_v1")
local sessionStore = DataStoreService:GetDataStore("SessionLocks_v1")

local LOCK_TIMEOUT = 600 -- 10 minutes
local SERVER_ID = HttpService:GenerateGUID(false)

local playerDataCache = {}
local activeSessions = {}

-- Check if lock is valid
local function isLockValid(lockData)
    if not lockData then return false end
    
    local currentTime = os.time()
    local lockTime = lockData.timestamp or 0
    
    return (currentTime - lockTime) < LOCK_TIMEOUT
end

-- Acquire session lock
local function acquireLock(userId)
    local key = "Lock_" .. userId
    
    local success, result = pcall(function()
        return sessionStore:UpdateAsync(key, function(oldData)
            if oldData and isLockValid(oldData) and oldData.serverId ~= SERVER_ID then
                -- Lock held by another server
                return nil
            end
            
            -- Acquire or refresh lock
            return {
                serverId = SERVER_ID,
                timestamp = os.time()
            }
        end)
    end)
    
    if success and result then
        return true
    end
    return false
end

-- Release session lock
local function releaseLock(userId)
    local key = "Lock_" .. userId
    
    pcall(function()
        sessionStore:UpdateAsync(key, function(oldData)
            if oldData and oldData.serverId == SERVER_ID then
                return nil -- Remove lock
            end
            return oldData
        end)
    end)
end

-- Refresh lock periodically
local function startLockRefresh(userId)
    activeSessions[userId] = true
    
    spawn(function()
        while activeSessions[userId] do
            wait(LOCK_TIMEOUT / 2)
            if activeSessions[userId] then
                acquireLock(userId)
            end
        end
    end)
end

-- Player join handler
local function onPlayerAdded(player)
    local userId = player.UserId
    
    -- Try to acquire lock
    local lockAcquired = false
    for attempt = 1, 5 do
        if acquireLock(userId) then
            lockAcquired = true
            break
        end
        warn("[SessionLock] Waiting for lock release for " .. player.Name .. " (attempt " .. attempt .. ")")
        wait(2)
    end
    
    if not lockAcquired then
        player:Kick("Your data is being used on another server. Please wait a moment and rejoin.")
        return
    end
    
    -- Start lock refresh
    startLockRefresh(userId)
    
    -- Load data
    local success, data = pcall(function()
        return dataStore:GetAsync("Player_" .. userId)
    end)
    
    if success then
        playerDataCache[userId] = data or { Coins = 0, Level = 1 }
        print("[SessionLock] Data loaded for " .. player.Name)
    else
        player:Kick("Failed to load your data. Please rejoin.")
        activeSessions[userId] = nil
        releaseLock(userId)
    end
end

-- Player leave handler
local function onPlayerRemoving(player)
    local userId = player.UserId
    
    -- Stop lock refresh
    activeSessions[userId] = nil
    
    -- Save data
    local data = playerDataCache[userId]
    if data then
        pcall(function()
            dataStore:SetAsync("Player_" .. userId, data)
        end)
        playerDataCache[userId] = nil
    end
    
    -- Release lock
    releaseLock(userId)
    print("[SessionLock] Session ended for " .. player.Name)
end

Players.PlayerAdded:Connect(onPlayerAdded)
Players.PlayerRemoving:Connect(onPlayerRemoving)

-- Release all locks on server shutdown
game:BindToClose(function()
    for userId, _ in pairs(activeSessions) do
        activeSessions[userId] = nil
        
        local data = playerDataCache[userId]
        if data then
            pcall(function()
                dataStore:SetAsync("Player_" .. userId, data)
            end)
        end
        
        releaseLock(userId)
    end
    
    wait(3)
end)
