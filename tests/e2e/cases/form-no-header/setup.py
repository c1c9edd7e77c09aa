open("form.csv", "w").write("Kanwil;Kanwil Banten\r\nUnit;Lapas A\r\nA.01;Maklumat;v\r\n")
