from assistant.ui import chat

chat.render()
