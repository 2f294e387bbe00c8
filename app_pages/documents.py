from assistant.ui import documents_page

documents_page.render()
