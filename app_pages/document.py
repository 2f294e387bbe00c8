from assistant.ui import document_page

document_page.render()
